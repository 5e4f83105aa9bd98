# source: https://github.com/intro-llm/intro-llm.github.io/issues/34
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 34
# needs: torch
# cpu: no written where torch was not installed; not run
"""Chapter 2 exercise: small Transformer text classifier, exported to ONNX.

The model was trained on the lab GPU; export_onnx() is run on a CPU-only
laptop to produce review_cls.onnx for the onnxruntime demo.
"""
import math

import torch
import torch.nn as nn


class PositionalEncoder(nn.Module):
    def __init__(self, d_model, max_seq_len=128):
        super().__init__()
        self.d_model = d_model
        pe = torch.zeros(max_seq_len, d_model)
        position = torch.arange(0, max_seq_len, dtype=torch.float).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", pe.unsqueeze(0))

    def forward(self, x):
        # make the word embeddings relatively larger before adding positions
        x = x * math.sqrt(self.d_model)
        seq_len = x.size(1)
        x = x + self.pe[:, :seq_len].requires_grad_(False).cuda()
        return x


class ReviewClassifier(nn.Module):
    def __init__(self, vocab_size, d_model=128, n_heads=4, n_layers=2, n_classes=2):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model, padding_idx=0)
        self.pos = PositionalEncoder(d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, dim_feedforward=256, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.head = nn.Linear(d_model, n_classes)

    def forward(self, token_ids):
        h = self.pos(self.embed(token_ids))
        h = self.encoder(h)
        return self.head(h.mean(dim=1))


def export_onnx(ckpt_path, onnx_path, vocab_size=20000, seq_len=64):
    model = ReviewClassifier(vocab_size)
    model.load_state_dict(torch.load(ckpt_path, map_location="cpu"))
    model.eval()
    dummy = torch.randint(1, vocab_size, (1, seq_len))
    torch.onnx.export(
        model,
        (dummy,),
        onnx_path,
        input_names=["token_ids"],
        output_names=["logits"],
        dynamic_axes={"token_ids": {0: "batch"}, "logits": {0: "batch"}},
        opset_version=17,
    )
    print(f"wrote {onnx_path}")


if __name__ == "__main__":
    export_onnx("checkpoints/review_cls.pt", "review_cls.onnx")
