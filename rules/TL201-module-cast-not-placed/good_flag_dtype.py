import torch
from transformers import AutoModel


def load(args, device):
    dtype = torch.float16 if args.fp16 else torch.float32
    model = AutoModel.from_pretrained(args.path, torch_dtype=dtype)
    return model.to(device)


def collect(batch, device):
    # Entries of unknown kind: the dict may hold CPU tensors as well.
    out = {}
    for key, value in batch.items():
        if key == "pixel_values":
            out[key] = value.to(device)
        else:
            out[key] = value
    return out


def train(args, loader):
    device = torch.device("cuda")
    model = load(args, device)
    for batch in loader:
        model(**collect(batch, device)).loss.backward()


def never_placed_dict_unknown(args, loader):
    # The model stays on the CPU, but nothing shows a GPU tensor reaches it (TL106
    # says it computes in half precision there, on the run that casts it).
    dtype = torch.float16 if args.fp16 else torch.float32
    model = AutoModel.from_pretrained(args.path, torch_dtype=dtype)
    for batch in loader:
        model(**collect(batch, torch.device("cuda"))).loss.backward()
