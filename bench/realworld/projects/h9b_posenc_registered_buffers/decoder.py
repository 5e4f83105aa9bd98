# source: https://github.com/antoniorv6/SMT/pull/6
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: multi-file, class, top-level
# looks-like: tensor-attribute-not-buffer
# needs: torch
# cpu: no written where torch was not installed; not run
"""Image-to-sequence decoder for sheet-music transcription using the shared encodings."""
import torch
import torch.nn as nn

from posenc import PositionalEncoding1D, PositionalEncoding2D


class ScoreDecoder(nn.Module):
    def __init__(self, vocab_size, dim=256, heads=4, layers=4, in_channels=64):
        super().__init__()
        self.proj = nn.Conv2d(in_channels, dim, kernel_size=1)
        self.pos_2d = PositionalEncoding2D(dim)
        self.pos_1d = PositionalEncoding1D(dim)
        self.embed = nn.Embedding(vocab_size, dim)
        layer = nn.TransformerDecoderLayer(dim, heads, 4 * dim, batch_first=True)
        self.decoder = nn.TransformerDecoder(layer, layers)
        self.out = nn.Linear(dim, vocab_size)

    def forward(self, features, tokens):
        memory = self.pos_2d(self.proj(features)).flatten(2).transpose(1, 2)
        tgt = self.pos_1d(self.embed(tokens))
        causal = nn.Transformer.generate_square_subsequent_mask(tokens.size(1), device=tokens.device)
        return self.out(self.decoder(tgt, memory, tgt_mask=causal))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = ScoreDecoder(vocab_size=300).to(device)
    feats = torch.randn(2, 64, 16, 128, device=device)
    tokens = torch.randint(0, 300, (2, 40), device=device)
    print(model(feats, tokens).shape)
