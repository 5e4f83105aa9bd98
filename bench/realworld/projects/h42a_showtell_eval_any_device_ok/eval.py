# source: https://github.com/ruotianluo/ImageCaptioning.pytorch/issues/42
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: multi-file, top-level
# looks-like: hard-coded-cuda
# needs: torch
# cpu: no written where torch was not installed; not run
"""Evaluate a trained Show-and-Tell checkpoint on a folder of precomputed features, GPU or CPU."""
import argparse
import json

import torch
from torch.utils.data import DataLoader

from eval_utils import eval_split
from models import ShowTellModel

parser = argparse.ArgumentParser()
parser.add_argument("--model", default="log_st/model-best.pth")
parser.add_argument("--infos", default="log_st/infos_st-best.json")
parser.add_argument("--feats", default="data/cocotest_fc.pt")
parser.add_argument("--force_cpu", action="store_true")
opt = parser.parse_args()

with open(opt.infos) as fh:
    infos = json.load(fh)
model = ShowTellModel(len(infos["ix_to_word"]), seq_length=infos["seq_length"])
model.load_state_dict(torch.load(opt.model, map_location="cpu"))
if torch.cuda.is_available() and not opt.force_cpu:
    model = model.cuda()
device = next(model.parameters()).device

features = torch.load(opt.feats)
dataset = [{"fc_feats": feat, "image_ids": image_id} for image_id, feat in features.items()]
loader = DataLoader(dataset, batch_size=50, pin_memory=device.type == "cuda")
predictions = eval_split(model, loader, infos["ix_to_word"], device)
with open("vis/vis.json", "w") as fh:
    json.dump(predictions, fh)
print(f"wrote {len(predictions)} captions using {device}")
