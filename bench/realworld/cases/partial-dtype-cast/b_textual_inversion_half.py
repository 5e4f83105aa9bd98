# source: https://github.com/Sygil-Dev/sygil-webui/issues/72
# error: RuntimeError: Index put requires the source and destination dtypes match, got Half for the destination and Float for the source.
# pattern: partial-dtype-cast
# shape: class, helper
# bug-lines: 37, 42, 50, 70
# cpu: raises "Index put requires the source and destination dtypes match"
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class TextEncoder(nn.Module):
    def __init__(self, vocab=64, dim=16):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, tokens, embedding_manager=None):
        embedded_text = self.token_embedding(tokens)
        if embedding_manager is not None:
            embedded_text = embedding_manager(tokens, embedded_text)
        return self.proj(embedded_text)


class EmbeddingManager(nn.Module):
    def __init__(self, placeholder_token=7):
        super().__init__()
        self.placeholder_token = placeholder_token
        self.string_to_param_dict = nn.ParameterDict()

    def load(self, ckpt_path):
        ckpt = torch.load(ckpt_path, map_location="cpu")
        for name, vec in ckpt["string_to_param"].items():
            self.string_to_param_dict[name] = nn.Parameter(vec, requires_grad=False)

    def forward(self, tokens, embedded_text):
        placeholder_idx = torch.where(tokens == self.placeholder_token)
        placeholder_embedding = self.string_to_param_dict["*"]
        embedded_text[placeholder_idx] = placeholder_embedding.to(embedded_text.device)
        return embedded_text


def load_model_from_config(device, half=True):
    model = TextEncoder()
    model.embedding_manager = EmbeddingManager()
    if half:
        model = model.half()
    return model.to(device)


def make_embeddings_pt(path, dim=16):
    torch.save({"string_to_param": {"*": torch.randn(dim)}}, path)


@torch.no_grad()
def txt2img_cond(model, prompt_tokens, device):
    tokens = torch.tensor([prompt_tokens], device=device)
    return model(tokens, embedding_manager=model.embedding_manager)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = load_model_from_config(device, half=True)
    with tempfile.TemporaryDirectory() as tmp:
        emb_path = os.path.join(tmp, "embeddings.pt")
        make_embeddings_pt(emb_path)
        model.embedding_manager.load(emb_path)
    cond = txt2img_cond(model, [1, 7, 3, 4], device)
    print(cond.shape, cond.dtype)
