import torch
import torch.nn as nn

device = "cuda" if torch.cuda.is_available() else "cpu"


class Summarizer(nn.Module):
    def __init__(self, vocab=500, width=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, width)
        self.head = nn.Linear(width, vocab)

    def forward(self, ids):
        return self.head(self.embed(ids))


def dtype_follows_device(ids):
    # float16 only where the device is a GPU.
    dtype = torch.float16 if device == "cuda" else torch.float32
    model = Summarizer().to(device, dtype=dtype)
    return model(ids.to(device))


def cast_on_the_gpu_path(ids):
    if device == "cuda":
        model = Summarizer().to(device, dtype=torch.float16)
    else:
        model = Summarizer().to(device)
    return model(ids.to(device))


def back_to_float_on_the_cpu(ids):
    if device == "cuda":
        model = Summarizer().to(device, dtype=torch.float16)
    else:
        model = Summarizer().to(device)
    model.half()
    if device == "cpu":
        model.float()
    return model(ids.to(device))


def written_for_a_gpu(ids):
    # float16 for every run with a CPU fallback, and nothing in the code that keeps
    # float32 for the CPU: a script written for a GPU, whose fallback is boilerplate.
    # Not flagged (the precision audits: such scripts are many, and run on a GPU).
    model = Summarizer().to(device).half()
    return model(ids.to(device))
