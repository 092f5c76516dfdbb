"""绩效自评表 sections: found in logical rows and cut into their parts (raw, as printed)."""
