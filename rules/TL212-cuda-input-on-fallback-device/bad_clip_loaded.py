# Zero-shot tagging: CLIP is loaded onto a device that falls back to the CPU, but
# the tokenized prompts are sent to the GPU by name.
import clip
import torch

device = "cuda" if torch.cuda.is_available() else "cpu"
model, preprocess = clip.load("ViT-B/32", device=device)


@torch.no_grad()
def prompt_features(labels):
    tokens = clip.tokenize([f"a photo of a {label}" for label in labels]).cuda()  # expect: TL212:14 lines=13,7,6
    features = model.encode_text(tokens)
    return features / features.norm(dim=-1, keepdim=True)


if __name__ == "__main__":
    print(prompt_features(["cat", "dog", "car"]).shape)
