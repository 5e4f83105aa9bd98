# source: https://github.com/NVIDIA-NeMo/Speech/issues/9416
# error: TypeError: can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
# pattern: numpy-of-device-tensor
# looks-like: numpy-of-device-tensor
# shape: helper, loader-loop, batch-dict
# needs: torch, numpy, transformers, datasets
# cpu: no written where torch was not installed; not run
import json

import numpy as np
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import Wav2Vec2ForCTC, Wav2Vec2Processor

MODEL = "facebook/wav2vec2-large-960h-lv60-self"
device = "cuda" if torch.cuda.is_available() else "cpu"
processor = Wav2Vec2Processor.from_pretrained(MODEL)
model = Wav2Vec2ForCTC.from_pretrained(MODEL).to(device).eval()
FRAME_SEC = model.config.inputs_to_logits_ratio / processor.feature_extractor.sampling_rate


def to_numpy(t):
    return t.detach().float().cpu().numpy()


def word_offsets(pred_ids, blank_id, delim_id):
    """Collapse CTC repeats and return (start_frame, end_frame) per word."""
    ids = np.asarray(pred_ids)
    keep = np.r_[True, ids[1:] != ids[:-1]] & (ids != blank_id)
    frames = np.flatnonzero(keep)
    tokens = ids[keep]
    spans, current = [], []
    for frame, tok in zip(frames, tokens):
        if tok != delim_id:
            current.append(int(frame))
        elif current:
            spans.append((current[0], current[-1] + 1))
            current = []
    if current:
        spans.append((current[0], current[-1] + 1))
    return spans


def collate(rows):
    audio = [r["audio"]["array"] for r in rows]
    feats = processor(audio, sampling_rate=16000, return_tensors="pt", padding=True)
    return {"input_values": feats.input_values, "attention_mask": feats.attention_mask,
            "ids": [r["id"] for r in rows]}


if __name__ == "__main__":
    data = load_dataset("librispeech_asr", "clean", split="test[:64]")
    loader = DataLoader(data, batch_size=8, collate_fn=collate)
    delim_id = processor.tokenizer.convert_tokens_to_ids("|")
    results = []
    with torch.no_grad():
        for batch in loader:
            logits = model(batch["input_values"].to(device),
                           attention_mask=batch["attention_mask"].to(device)).logits
            pred_ids = to_numpy(logits.argmax(dim=-1))
            confidences = to_numpy(logits.softmax(-1).max(-1).values)
            texts = processor.batch_decode(pred_ids)
            for utt, ids, conf, text in zip(batch["ids"], pred_ids, confidences, texts):
                spans = word_offsets(ids, processor.tokenizer.pad_token_id, delim_id)
                words = text.split()
                results.append({
                    "id": utt,
                    "words": [{"word": w, "start": s * FRAME_SEC, "end": e * FRAME_SEC,
                               "conf": float(conf[s:e].mean())} for w, (s, e) in zip(words, spans)],
                })
    print(json.dumps(results[:2], indent=2))
