import torch
from transformers import AutoModelForSeq2SeqLM

EXPORT = {"precision": "float32", "device": "cpu", "checkpoint": "./exported"}
GPU_EXPORT = {"precision": "float16", "device": "cuda", "checkpoint": "./exported"}


def load(export=EXPORT):
    dtype = getattr(torch, export["precision"])
    model = AutoModelForSeq2SeqLM.from_pretrained(export["checkpoint"], torch_dtype=dtype)
    return model.to(export["device"]).eval()


def translate(ids):
    model = load()
    with torch.no_grad():
        return model.generate(ids, max_new_tokens=32)


def translate_on_gpu(ids):
    # float16 on the GPU: where half precision belongs.
    model = load(GPU_EXPORT)
    with torch.no_grad():
        return model.generate(ids.cuda(), max_new_tokens=32)
