"""Which office published a document: its office id from the name it prints (``offices``), and the units a
department lists that join its group (``members``)."""
