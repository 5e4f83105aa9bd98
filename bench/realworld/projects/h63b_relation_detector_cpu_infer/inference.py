# source: https://github.com/yrcong/RelTR/pull/62
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, top-level
# needs: torch, torchvision, PIL
# cpu: no written where torch was not installed; not run
"""python inference.py --img_path demo/vg1.jpg --resume ckpt/checkpoint0149.pth --device cpu"""
import argparse

import torch
from PIL import Image
from torchvision import transforms

from checkpoint import load_checkpoint
from model import RelationDetector

parser = argparse.ArgumentParser()
parser.add_argument("--img_path", required=True)
parser.add_argument("--resume", default="ckpt/checkpoint0149.pth")
parser.add_argument("--device", default="cuda")
parser.add_argument("--topk", type=int, default=10)
args = parser.parse_args()

device = torch.device(args.device)
model = RelationDetector()
epoch = load_checkpoint(model, args.resume)
model.to(device).eval()
print(f"loaded weights from epoch {epoch}")

transform = transforms.Compose([
    transforms.Resize(800),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])
img = transform(Image.open(args.img_path).convert("RGB")).unsqueeze(0).to(device)

with torch.no_grad():
    out = model(img)
rel_prob = out["rel_logits"].softmax(-1)[0, :, :-1]
sub_prob = out["sub_logits"].softmax(-1)[0, :, :-1]
obj_prob = out["obj_logits"].softmax(-1)[0, :, :-1]
score = rel_prob.max(-1).values * sub_prob.max(-1).values * obj_prob.max(-1).values
for q in score.topk(args.topk).indices.tolist():
    print(q, sub_prob[q].argmax().item(), rel_prob[q].argmax().item(), obj_prob[q].argmax().item())
