# source: https://github.com/mlfoundations/open_clip/pull/277
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, loader-loop
# bug-lines: 22, 23
# needs: torch, numpy, open_clip_torch, pillow
# cpu: no written where torch was not installed; not run
import numpy as np
import torch

from encoder import embed_texts, load_clip
from images import make_loader

DEVICE = "cuda"


@torch.no_grad()
def build_image_index(root, model, preprocess):
    loader = make_loader(root, preprocess)
    chunks, order = [], []
    for images, idx in loader:
        images = images.to(DEVICE, non_blocking=True)
        feats = model.encode_image(images)
        feats = feats / feats.norm(dim=-1, keepdim=True)
        chunks.append(feats.float().cpu().numpy())
        order.extend(idx.tolist())
    return np.concatenate(chunks), order


def search(index, model, tokenizer, query, k=5):
    q = embed_texts(model, tokenizer, [query], device=DEVICE).float().cpu().numpy()
    scores = index @ q[0]
    return np.argsort(-scores)[:k], scores


if __name__ == "__main__":
    model, preprocess, tokenizer = load_clip(device=DEVICE, fp16=True)
    index, order = build_image_index("photos/", model, preprocess)
    np.save("clip_index.npy", index)
    top, scores = search(index, model, tokenizer, "a red bicycle leaning on a wall")
    print([(order[i], float(scores[i])) for i in top])
