"""What to tell a user whose install cannot import a package the OCR needs (never a bare traceback)."""

from __future__ import annotations

from cnfiscal.errors import OCRUnavailable

# module that failed to import → the distribution that provides it (all are cnfiscal's own dependencies)
OCR_PACKAGES = {
    "cv2": "opencv-python-headless",
    "numpy": "numpy",
    "onnxruntime": "onnxruntime",
    "rapidocr_onnxruntime": "rapidocr-onnxruntime",
    "pyclipper": "pyclipper",
    "shapely": "shapely",
    "yaml": "pyyaml",
}
_OPENCV_FIX = "pip uninstall -y opencv-python && pip install --force-reinstall opencv-python-headless"


def missing_package(e: ImportError) -> OCRUnavailable:
    """The error for an OCR import that failed, naming the package to install (or the library it lacks)."""
    module = (e.name or "").split(".")[0]
    package = OCR_PACKAGES.get(module)
    if package and isinstance(e, ModuleNotFoundError):
        how = f"pip install '{package}'" if package != "opencv-python-headless" else _OPENCV_FIX
        return OCRUnavailable(f"扫描页需要 OCR，缺少 Python 包 {package}: {how} (OCR needs {package}, not installed)")
    if "libGL" in str(e) or "libgthread" in str(e):  # the GUI build of OpenCV on a machine without a desktop
        return OCRUnavailable(f"OpenCV 无法加载 ({e}): {_OPENCV_FIX}")
    return OCRUnavailable(f"OCR 组件无法加载 ({type(e).__name__}: {e}): pip install --force-reinstall cnfiscal")
