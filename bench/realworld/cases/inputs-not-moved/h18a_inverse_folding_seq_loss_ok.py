# source: https://github.com/facebookresearch/esm/pull/488
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: class, helper, batch-dict
# looks-like: inputs-not-moved
# needs: torch, numpy, fair-esm
# cpu: no written where torch was not installed; not run

import numpy as np
import torch
import torch.nn.functional as F


class CoordBatchConverter:
    """Pads backbone coordinates and tokenizes sequences; optionally places the batch."""

    def __init__(self, alphabet):
        self.alphabet = alphabet

    def __call__(self, raw_batch, device=None):
        n_items = len(raw_batch)
        length = max(len(seq) for _, _, seq in raw_batch) + 2
        coords = torch.full((n_items, length, 3, 3), float("inf"))
        confidence = torch.zeros(n_items, length)
        tokens = torch.full((n_items, length), self.alphabet.padding_idx, dtype=torch.long)
        for i, (xyz, conf, seq) in enumerate(raw_batch):
            n = len(seq)
            coords[i, 1:n + 1] = torch.as_tensor(xyz, dtype=torch.float32)
            confidence[i, 1:n + 1] = 1.0 if conf is None else torch.as_tensor(conf, dtype=torch.float32)
            tokens[i, 0] = self.alphabet.cls_idx
            tokens[i, 1:n + 1] = torch.tensor([self.alphabet.get_idx(a) for a in seq])
            tokens[i, n + 1] = self.alphabet.eos_idx
        padding_mask = torch.isinf(coords[:, :, 0, 0])
        coords = torch.nan_to_num(coords, posinf=0.0)
        if device is not None:
            coords, confidence, tokens, padding_mask = (
                t.to(device) for t in (coords, confidence, tokens, padding_mask)
            )
        return coords, confidence, tokens, padding_mask


def get_sequence_loss(model, alphabet, coords, seq):
    device = next(model.parameters()).device
    converter = CoordBatchConverter(alphabet)
    coords, confidence, tokens, padding_mask = converter([(coords, None, seq)], device=device)

    prev_output_tokens = tokens[:, :-1]
    target = tokens[:, 1:]
    target_padding_mask = target == alphabet.padding_idx
    logits, _ = model.forward(coords, padding_mask, confidence, prev_output_tokens)
    loss = F.cross_entropy(logits, target, reduction="none")
    return loss[0].cpu().numpy(), target_padding_mask[0].cpu().numpy()


def score_sequence(model, alphabet, coords, seq):
    loss, pad = get_sequence_loss(model, alphabet, coords, seq)
    return -float(np.sum(loss * ~pad) / np.sum(~pad))


if __name__ == "__main__":
    import esm

    model, alphabet = esm.pretrained.esm_if1_gvp4_t16_142M_UR50()
    model = model.eval().to("cuda" if torch.cuda.is_available() else "cpu")
    backbone = np.load("data/5YH2_A_backbone.npy")  # (L, 3, 3): N, CA, C
    native = open("data/5YH2_A.seq").read().strip()
    with torch.no_grad():
        print("log-likelihood:", score_sequence(model, alphabet, backbone, native))
