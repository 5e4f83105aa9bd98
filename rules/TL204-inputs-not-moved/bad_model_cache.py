import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

device = "cuda" if torch.cuda.is_available() else "cpu"
_LOADED = {}


def load(name):
    # A cache of (tokenizer, model) pairs, one per checkpoint: every entry read back
    # is a pair that was stored, the model on `device`.
    if name not in _LOADED:
        if name.startswith("t5"):
            tokenizer = AutoTokenizer.from_pretrained(name, legacy=False)
        else:
            tokenizer = AutoTokenizer.from_pretrained(name)
        model = AutoModelForSeq2SeqLM.from_pretrained(name)
        _LOADED[name] = (tokenizer, model.to(device).eval())
    return _LOADED[name]


def translate(sentence, name="t5-small"):
    tokenizer, model = load(name)
    batch = tokenizer([sentence], return_tensors="pt")
    out = model.generate(batch["input_ids"], max_new_tokens=40)  # expect: TL204:26 lines=23,17
    return tokenizer.decode(out[0], skip_special_tokens=True)
