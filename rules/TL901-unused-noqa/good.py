# Directives TL901 leaves alone (only TL901 is enabled here).
import torch

# Codes of other tools are never judged.
from transformers import AutoModelForCausalLM  # noqa: F401, E402

# A code of a rule that is not enabled in this run: it cannot be judged.
state = torch.load("ckpt.pt")  # noqa: TL502

# A prefix of known rules (TL5: TL501-TL503) is a known code, as flake8 reads it.
weights = torch.load("w.pt")  # noqa: TL5

# TL901 itself, and the runtime check's codes (TLR...).
x = torch.zeros(3)  # noqa: TL901
y = torch.ones(3)  # noqa: TLR001

# Not a directive: text in a string.
doc = "write # noqa: TL9999 after a line to silence it"
