import torch
import torch.nn as nn

# A device chosen once for the script: a GPU where there is one, else the CPU, and
# Apple's GPU on a Mac.
device = "cuda" if torch.cuda.is_available() else "cpu"
if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
    device = "mps"


class Summarizer(nn.Module):
    def __init__(self, vocab=500, width=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, width)
        self.head = nn.Linear(width, vocab)

    def forward(self, ids):
        return self.head(self.embed(ids))


def serve(quantized=False):
    # float16 on the GPUs only; the CPU keeps float32 ...
    if device == "cuda":
        model = Summarizer().to(device, dtype=torch.float16)
    elif device == "mps":
        model = Summarizer().to(device, dtype=torch.float16)
    else:
        model = Summarizer().to(device)
    # ... until this cast, for every run.
    if not quantized:
        model.half()  # expect: TL106:9 lines=24,35

    def answer(ids):
        with torch.no_grad():
            return model(ids.to(device)).argmax(-1)

    return answer(torch.tensor([[1, 2, 3]]))
