# source: https://github.com/mlfoundations/open_clip/pull/277
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper
# needs: torch, open_clip_torch
# cpu: no written where torch was not installed; not run
import open_clip
import torch


def load_clip(arch="ViT-B-32", pretrained="laion2b_s34b_b79k", device="cuda", fp16=True):
    model, _, preprocess = open_clip.create_model_and_transforms(arch, pretrained=pretrained)
    model = model.to(device)
    if fp16:
        model = model.half()
    model.eval()
    tokenizer = open_clip.get_tokenizer(arch)
    return model, preprocess, tokenizer


@torch.no_grad()
def embed_texts(model, tokenizer, texts, device="cuda"):
    tokens = tokenizer(texts).to(device)
    feats = model.encode_text(tokens)
    return feats / feats.norm(dim=-1, keepdim=True)
