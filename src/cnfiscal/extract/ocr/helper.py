"""An OCR helper process (``python -m cnfiscal.extract.ocr.helper``, started by ``pool``): reads lists of
crops from stdin and answers each with the readings and the CPU seconds they took, pickled, on stdout.

A plain subprocess rather than ``multiprocessing``: nothing of the caller's ``__main__`` is re-imported
(a script calling ``cnfiscal`` without a ``__main__`` guard would otherwise start itself again). It ends
at end of input, so it never outlives the process that started it.
"""

from __future__ import annotations

import os
import pickle
import sys
import time


def main() -> None:
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints of the libraries go to stderr
    inp = sys.stdin.buffer
    from cnfiscal.extract.ocr.engine import RapidEngine

    engine = RapidEngine(threads=1)
    pickle.dump("ready", out)
    out.flush()
    while True:
        try:
            crops = pickle.load(inp)
        except EOFError:
            return
        if crops is None:
            return
        cpu0 = time.process_time()
        readings = [(r.text, r.confidence) for r in engine.recognize(crops)]
        pickle.dump((readings, time.process_time() - cpu0), out)
        out.flush()


if __name__ == "__main__":
    main()
