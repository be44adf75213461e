"""Planning an OKR pilot: the plan as data and the rules that advise on it (no UI)."""
