# TL901 (opt-in): noqa directives that suppress nothing. Only TL901 is enabled
# here, so the directives it can judge are the unknown TL codes and the blanket ones;
# with TL204 enabled too, a `noqa: TL204` on a line without a TL204 finding is
# reported as unused (docs/noqa.md).
import torch
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("gpt2").to("cuda")  # noqa: TL2040  # expect: TL901:66

# A mistyped code suppresses nothing; E501 belongs to another tool and is kept.
state = torch.load("ckpt.pt", map_location="cpu")  # noqa: E501, TL5002  # expect: TL901:52

# A blanket noqa with no torchlint finding: reported, but removed only with
# --unsafe-fixes (flake8 and other tools read it too).
batch = {"input_ids": torch.zeros(2, 8, dtype=torch.long)}  # noqa  # expect: TL901:61

# A reason written after the codes stays as a comment.
labels = batch["input_ids"].clone()  # noqa: TL7 copied on purpose  # expect: TL901:38
