# source: https://github.com/vietai/mTet/issues/7
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: helper, top-level
# looks-like: hard-coded-cuda
# needs: torch, transformers
# cpu: no written where torch was not installed; not run

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

MODEL_NAME = "VietAI/envit5-translation"


def maybe_cuda(obj):
    """Move a tensor or module to the GPU only when one is present."""
    return obj.cuda() if torch.cuda.is_available() else obj


def load_translator(name=MODEL_NAME):
    tokenizer = AutoTokenizer.from_pretrained(name)
    model = maybe_cuda(AutoModelForSeq2SeqLM.from_pretrained(name)).eval()
    return tokenizer, model


def translate(tokenizer, model, sentences, batch_size=8, max_length=512):
    results = []
    for start in range(0, len(sentences), batch_size):
        chunk = sentences[start:start + batch_size]
        enc = tokenizer(chunk, return_tensors="pt", padding=True)
        input_ids = maybe_cuda(enc.input_ids)
        attention_mask = maybe_cuda(enc.attention_mask)
        with torch.no_grad():
            outputs = model.generate(input_ids, attention_mask=attention_mask, max_length=max_length)
        results.extend(tokenizer.batch_decode(outputs, skip_special_tokens=True))
    return results


if __name__ == "__main__":
    tok, mdl = load_translator()
    inputs = [
        "vi: VietAI là tổ chức phi lợi nhuận với sứ mệnh ươm mầm tài năng về trí tuệ nhân tạo.",
        "en: Our teams aspire to make discoveries that impact everyone.",
    ]
    for line in translate(tok, mdl, inputs):
        print(line)
