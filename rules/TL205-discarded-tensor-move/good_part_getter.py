# The vision tower a multimodal model hands back is one of its modules: `.to()` on a
# module works in place, so the result need not be kept. The whole model is then
# moved and cast to one dtype before it runs.
import torch
from transformers import AutoModel


def load(checkpoint, device):
    model = AutoModel.from_pretrained(checkpoint, torch_dtype=torch.bfloat16, trust_remote_code=True)
    tower = model.get_vision_tower()
    tower.to(dtype=torch.float16)
    return model.to(device=device, dtype=torch.bfloat16).eval()
