import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def load(path):
    tokenizer = AutoTokenizer.from_pretrained(path)
    # loaded on the CPU (no device_map), and never moved
    model = AutoModelForSequenceClassification.from_pretrained(path)
    return tokenizer, model


def classify(path, texts):
    device = torch.device("cuda")
    tokenizer, model = load(path)  # expect: TL211:24 lines=8,16,17
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    batch = {k: v.to(device) for k, v in batch.items()}
    return model(**batch).logits.argmax(-1)
