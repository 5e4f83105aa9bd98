# source: https://github.com/modelscope/facechain/issues/322
# error: RuntimeError: mat1 and mat2 must have the same dtype
# pattern: input-dtype-mismatch
# shape: class, helper
# looks-like: input-dtype-mismatch
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn


class FaceAdapter(nn.Module):
    """fp32 projection of face embeddings into the fp16 text-encoder space."""

    def __init__(self, face_dim=512, text_dim=128, n_tokens=4):
        super().__init__()
        self.proj = nn.Linear(face_dim, text_dim * n_tokens)
        self.norm = nn.LayerNorm(text_dim)
        self.n_tokens, self.text_dim = n_tokens, text_dim

    def forward(self, face_emb):
        tokens = self.proj(face_emb).view(-1, self.n_tokens, self.text_dim)
        return self.norm(tokens)


class Generator:
    def __init__(self, device):
        self.device = device
        self.dtype = torch.float16 if device.type == "cuda" else torch.float32
        self.text_encoder = nn.Linear(128, 128).to(device, self.dtype)
        self.adapter = FaceAdapter().to(device)

    def encode_prompt(self, prompt_emb, face_emb):
        with torch.autocast(device_type=self.device.type, dtype=self.dtype,
                            enabled=self.device.type == "cuda"):
            face_tokens = self.adapter(face_emb)
            text = self.text_encoder(prompt_emb)
            return torch.cat([text, face_tokens.to(text.dtype)], dim=1)


if __name__ == "__main__":
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    gen = Generator(dev)
    prompt = torch.randn(2, 8, 128, device=dev, dtype=gen.dtype)
    face = torch.randn(2, 512, device=dev)
    print(gen.encode_prompt(prompt, face).dtype)
