# source: https://github.com/oobabooga/textgen/issues/4644
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: partial-dtype-cast
# shape: multi-file, helper
# bug-lines: 32
# needs: torch, transformers, huggingface_hub
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from huggingface_hub import hf_hub_download
from transformers import CLIPImageProcessor, CLIPVisionModel

CLIP_REPO = "openai/clip-vit-large-patch14-336"
PROJECTOR_REPO = "liuhaotian/llava-v1.5-13b"


def parse_dtype(bits):
    return {32: torch.float32, 16: torch.float16}[int(bits)]


def build_projector(in_dim, out_dim):
    return nn.Sequential(nn.Linear(in_dim, out_dim), nn.GELU(), nn.Linear(out_dim, out_dim))


def load_projector(device, in_dim=1024, out_dim=5120):
    path = hf_hub_download(PROJECTOR_REPO, "mm_projector.bin")
    raw = torch.load(path, map_location="cpu")
    state = {k.split("mm_projector.")[-1]: v for k, v in raw.items() if "mm_projector" in k}
    projector = build_projector(in_dim, out_dim)
    projector.load_state_dict(state)
    projector.requires_grad_(False)
    return projector.to(device)


def load_vision_stack(params):
    vision_device = torch.device(params.get("vision_device", "cuda:0"))
    vision_dtype = parse_dtype(params.get("vision_bits", 16))
    projector_device = torch.device(params.get("projector_device", "cuda:0"))
    processor = CLIPImageProcessor.from_pretrained(CLIP_REPO)
    tower = CLIPVisionModel.from_pretrained(CLIP_REPO, torch_dtype=vision_dtype).to(vision_device)
    tower.eval()
    projector = load_projector(projector_device)
    return processor, tower, projector
