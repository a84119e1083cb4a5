"""Puts the repository root on sys.path so ``tracker``, ``loaders`` and ``ui`` import."""
