# source: https://github.com/mlfoundations/open_clip/issues/171
# error: RuntimeError: expected scalar type Half but found Float
# shape: helper
# looks-like: half-on-cpu
# cpu: clean
# needs: torch
import torch
import torch.nn as nn


class TinyCLIP(nn.Module):
    def __init__(self, width=32, embed_dim=16, vocab=64):
        super().__init__()
        self.visual = nn.Sequential(nn.Conv2d(3, width, 8, stride=8), nn.Flatten(), nn.Linear(width * 16, embed_dim))
        self.token_embedding = nn.Embedding(vocab, width)
        self.text_proj = nn.Linear(width, embed_dim)

    def encode_image(self, image):
        return self.visual(image)

    def encode_text(self, text):
        return self.text_proj(self.token_embedding(text).mean(1))


def create_model(device):
    model = TinyCLIP().to(device).eval()
    # AMP keeps fp32 weights; half casts happen inside autocast, and only on the GPU
    precision = "amp" if device.type == "cuda" else "fp32"
    return model, precision


def classify(model, precision, image, text, device):
    with torch.no_grad(), torch.autocast(device_type=device.type, dtype=torch.float16, enabled=precision == "amp"):
        image_features = model.encode_image(image)
        text_features = model.encode_text(text)
        image_features = image_features / image_features.norm(dim=-1, keepdim=True)
        text_features = text_features / text_features.norm(dim=-1, keepdim=True)
        return (100.0 * image_features @ text_features.T).softmax(dim=-1)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model, precision = create_model(device)
    image = torch.rand(1, 3, 32, 32, device=device)
    text = torch.randint(0, 64, (3, 5), device=device)
    print("Label probs:", classify(model, precision, image, text, device))
