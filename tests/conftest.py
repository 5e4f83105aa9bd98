import sys
from pathlib import Path

# The rule-book reader is a test helper, importable as `rulebook`.
sys.path.insert(0, str(Path(__file__).resolve().parent))
