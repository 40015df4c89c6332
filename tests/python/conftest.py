import sys
from pathlib import Path

# Make the repo root importable (`import actions...`) wherever pytest is started.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
