import torch
from transformers import AutoModelForSeq2SeqLM

# What the export wrote the weights as, and where this service runs.
EXPORT = {"precision": "float16", "device": "cpu", "checkpoint": "./exported"}


def load(export=EXPORT):
    dtype = getattr(torch, export["precision"])
    model = AutoModelForSeq2SeqLM.from_pretrained(export["checkpoint"], torch_dtype=dtype)  # expect: TL106:73 lines=11,17
    return model.to(export["device"]).eval()


def translate(ids):
    model = load()
    with torch.no_grad():
        return model.generate(ids, max_new_tokens=32)


def summarize(ids):
    model = AutoModelForSeq2SeqLM.from_pretrained("t5-small", torch_dtype=getattr(torch, "half"))  # expect: TL106:63 lines=22,23
    model = model.cpu()
    return model(input_ids=ids).logits
