import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModel


def load(args):
    # The option chooses float16 (its default); the model is never placed.
    dtype = torch.float16 if args.fp16 else torch.float32
    model = AutoModel.from_pretrained(args.path, torch_dtype=dtype)  # expect: TL201:13 lines=8,10,18,29
    return get_peft_model(model, LoraConfig(r=8))


def to_device(batch, device):
    # A dict filled key by key: its tensors are moved, the rest passed on.
    out = {}
    for key, value in batch.items():
        if torch.is_tensor(value):
            out[key] = value.to(device)
        else:
            out[key] = value
    return out


def train(args, loader):
    device = torch.device("cuda")
    model = load(args)
    for batch in loader:
        batch = to_device(batch, device)
        loss = model(**batch).loss
        loss.backward()
