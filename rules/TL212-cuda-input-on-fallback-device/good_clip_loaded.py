# Zero-shot tagging: the tokenized prompts follow CLIP to the device it was loaded
# on, which falls back to the CPU.
import clip
import torch

device = "cuda" if torch.cuda.is_available() else "cpu"
model, preprocess = clip.load("ViT-B/32", device=device)


@torch.no_grad()
def prompt_features(labels):
    tokens = clip.tokenize([f"a photo of a {label}" for label in labels]).to(device)
    features = model.encode_text(tokens)
    return features / features.norm(dim=-1, keepdim=True)


if __name__ == "__main__":
    print(prompt_features(["cat", "dog", "car"]).shape)
