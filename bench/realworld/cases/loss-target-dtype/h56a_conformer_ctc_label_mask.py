# source: https://github.com/pytorch/pytorch/issues/92606
# error: RuntimeError: target_lengths must be integral
# pattern: loss-target-dtype
# shape: batch-dict, loader-loop, helper
# bug-lines: 44, 48
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""CTC fine-tuning of a small Conformer ASR model on character targets."""

import torch
import torch.nn.functional as F
import torchaudio
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

VOCAB = ["<blank>", " ", "'"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]
CHAR2ID = {c: i for i, c in enumerate(VOCAB)}


def encode_transcript(text):
    return torch.tensor([CHAR2ID[c] for c in text.lower() if c in CHAR2ID],
                        dtype=torch.long)


def collate(batch, fbank=torchaudio.transforms.MelSpectrogram(16000, n_fft=400,
                                                               hop_length=160, n_mels=80)):
    feats = [fbank(wav).clamp(min=1e-10).log().transpose(0, 1) for wav, _ in batch]
    labels = [encode_transcript(text) for _, text in batch]
    feat_lens = torch.tensor([f.size(0) for f in feats])
    padded_labels = pad_sequence(labels, batch_first=True, padding_value=0)
    label_mask = pad_sequence([torch.ones(len(l)) for l in labels], batch_first=True)
    return {
        "features": pad_sequence(feats, batch_first=True),
        "feature_lengths": feat_lens,
        "labels": padded_labels,
        "label_mask": label_mask,
    }


def ctc_step(model, batch, device):
    feats = batch["features"].to(device)
    feat_lens = batch["feature_lengths"].to(device)
    labels = batch["labels"].to(device)
    target_lengths = batch["label_mask"].to(device).sum(dim=-1)

    logits, out_lens = model(feats, feat_lens)
    log_probs = F.log_softmax(logits, dim=-1).transpose(0, 1)  # (T, B, V)
    return F.ctc_loss(log_probs, labels, out_lens, target_lengths,
                      blank=0, zero_infinity=True)


def train(model, dataset, epochs=10, device="cuda"):
    model.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=1e-2)
    loader = DataLoader(dataset, batch_size=16, shuffle=True, collate_fn=collate)
    for epoch in range(epochs):
        total = 0.0
        for batch in loader:
            loss = ctc_step(model, batch, device)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: ctc={total / len(loader):.3f}")
