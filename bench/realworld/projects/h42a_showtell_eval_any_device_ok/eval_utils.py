# source: https://github.com/ruotianluo/ImageCaptioning.pytorch/issues/42
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, loader-loop, batch-dict, helper
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
"""Split evaluation: greedy captions for every image in the loader, decoded with the vocabulary."""
import torch


def decode_sequence(ix_to_word, seq):
    sentences = []
    for row in seq.tolist():
        words = []
        for ix in row:
            if ix == 0:
                break
            words.append(ix_to_word[str(ix)])
        sentences.append(" ".join(words))
    return sentences


def eval_split(model, loader, ix_to_word, device, max_images=-1):
    model.eval()
    predictions = []
    for data in loader:
        fc_feats = data["fc_feats"].to(device, non_blocking=True)
        seq, _ = model.sample(fc_feats)
        for image_id, sent in zip(data["image_ids"], decode_sequence(ix_to_word, seq.cpu())):
            predictions.append({"image_id": int(image_id), "caption": sent})
        if 0 < max_images <= len(predictions):
            break
    if device.type == "cuda":
        torch.cuda.empty_cache()
    return predictions
