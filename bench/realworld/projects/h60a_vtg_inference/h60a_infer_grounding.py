# source: https://github.com/OpenGVLab/video-mamba-suite/issues/9
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-not-placed
# shape: multi-file, batch-dict, helper
# bug-lines: 41, 45
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Ground a natural-language query in a long video from pre-extracted clip features."""
import argparse
import json

import numpy as np
import torch

from h60a_build import build_grounding_model

CLIP_LEN = 2.0  # seconds per feature step


def load_inputs(vid_feat_path, txt_feat_path, device):
    vid = torch.from_numpy(np.load(vid_feat_path)).float()[None]  # (1, T, 768)
    txt = torch.from_numpy(np.load(txt_feat_path)).float()[None]  # (1, L, 512)
    batch = {
        "src_vid": vid,
        "src_vid_mask": torch.ones(vid.shape[:2]),
        "src_txt": txt,
        "src_txt_mask": torch.ones(txt.shape[:2]),
    }
    return {k: v.to(device) for k, v in batch.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="ckpts/grounding_qvhighlights.pth")
    parser.add_argument("--video_feat", required=True)
    parser.add_argument("--query_feat", required=True)
    parser.add_argument("--topk", type=int, default=5)
    args = parser.parse_args()

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = build_grounding_model(args.ckpt)
    model.eval()
    batch = load_inputs(args.video_feat, args.query_feat, device)
    with torch.no_grad():
        out = model(**batch)

    scores = out["saliency_scores"][0]
    spans = out["pred_spans"][0]
    num_clips = batch["src_vid"].shape[1]
    duration = num_clips * CLIP_LEN
    results = []
    for i in scores.topk(min(args.topk, num_clips)).indices.tolist():
        center, width = spans[i].tolist()
        start, end = max(0.0, center - width / 2) * duration, min(1.0, center + width / 2) * duration
        results.append({"start": round(start, 2), "end": round(end, 2), "score": float(scores[i])})
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
