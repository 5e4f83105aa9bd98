# source: https://github.com/openai/CLIP/issues/415
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: helper
# bug-lines: 38, 53
# cpu: clean
# needs: torch
import os
import tempfile

import torch
import torch.nn as nn


class TextTransformer(nn.Module):
    def __init__(self, vocab=64, width=32, layers=1):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        layer = nn.TransformerEncoderLayer(width, nhead=4, dim_feedforward=64, batch_first=True)
        self.transformer = nn.TransformerEncoder(layer, layers)
        self.text_projection = nn.Linear(width, 16, bias=False)

    def encode_text(self, tokens):
        x = self.transformer(self.token_embedding(tokens))
        return self.text_projection(x[torch.arange(x.shape[0]), tokens.argmax(dim=-1)])


def convert_weights(model):
    """Convert applicable model parameters to fp16 (what clip.model.convert_weights does)."""
    def _convert(l):
        if isinstance(l, (nn.Linear, nn.Embedding, nn.MultiheadAttention)):
            for p in l.parameters():
                p.data = p.data.half()
    model.apply(_convert)


def export_fp16(model, path):
    convert_weights(model)
    torch.save(model, path)


def load_for_inference(path):
    model = torch.load(path, map_location="cpu", weights_only=False)  # a Mac without CUDA
    return model.eval()


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "modelfp16.pth")
    export_fp16(TextTransformer(), path)
    model = load_for_inference(path)
    tokenized_text = torch.randint(1, 64, (3, 8))
    with torch.no_grad():
        text_features = model.encode_text(tokenized_text)
    print(text_features.dtype, text_features.shape)
