import torch
from transformers import AutoModelForSeq2SeqLM

# What the export wrote the weights as, and where this service runs.
EXPORT = {"precision": "float16", "device": "cpu", "checkpoint": "./exported"}


def load(export=EXPORT):
    dtype = getattr(torch, export["precision"])
    model = AutoModelForSeq2SeqLM.from_pretrained(export["checkpoint"], torch_dtype=dtype)
    return model.to(export["device"]).eval()


def translate(ids):
    model = load()
    with torch.no_grad():
        return model.generate(ids, max_new_tokens=32)  # expect: TL106:16 lines=10,11


def summarize(ids):
    model = AutoModelForSeq2SeqLM.from_pretrained("t5-small", torch_dtype=getattr(torch, "half"))
    model = model.cpu()
    return model(input_ids=ids).logits  # expect: TL106:12 lines=21,22
