# source: https://github.com/openai/CLIP/issues/209
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# looks-like: half-on-cpu
# needs: torch, clip, pillow
# cpu: no written where torch was not installed; not run
"""Load a fine-tuned CLIP checkpoint (saved as a raw state_dict) for retrieval on any device."""
import argparse

import clip
import torch
from PIL import Image


def load_finetuned_clip(ckpt_path, device):
    state_dict = torch.load(ckpt_path, map_location="cpu")
    # build_model() reproduces the released fp16 layout (convert_weights is applied inside)
    model = clip.model.build_model(state_dict)
    if device.type == "cpu":
        # half kernels are missing on CPU: run the whole model in fp32 there
        model = model.float()
    model = model.to(device).eval()
    _, preprocess = clip.load("ViT-B/32", device="cpu", jit=False)
    return model, preprocess


@torch.no_grad()
def rank_captions(model, preprocess, image_path, captions, device):
    image = preprocess(Image.open(image_path).convert("RGB")).unsqueeze(0).to(device)
    tokens = clip.tokenize(captions).to(device)
    img = model.encode_image(image.type(model.dtype))
    txt = model.encode_text(tokens)
    img = img / img.norm(dim=-1, keepdim=True)
    txt = txt / txt.norm(dim=-1, keepdim=True)
    probs = (100.0 * img @ txt.T).softmax(dim=-1)[0]
    return sorted(zip(captions, probs.tolist()), key=lambda kv: -kv[1])


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("image")
    parser.add_argument("--ckpt", default="checkpoints/clip_vitb32_flickr_ft.pt")
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, preprocess = load_finetuned_clip(args.ckpt, device)
    captions = ["a dog running on the beach", "two people riding bicycles", "a bowl of ramen"]
    for caption, p in rank_captions(model, preprocess, args.image, captions, device):
        print(f"{p:.3f}  {caption}")
