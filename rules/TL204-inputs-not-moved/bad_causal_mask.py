# nn.Transformer's causal mask builder makes its mask on the CPU unless told a
# device; memoised and handed to the placed decoder, it meets the GPU activations.
import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


class CaptionDecoder(nn.Module):
    def __init__(self, vocab_size, d_model=64):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, d_model)
        layer = nn.TransformerDecoderLayer(d_model, 4, batch_first=True)
        self.decoder = nn.TransformerDecoder(layer, 2)
        self._masks = {}

    def _causal_mask(self, size):
        if size not in self._masks:
            self._masks[size] = nn.Transformer.generate_square_subsequent_mask(size)
        return self._masks[size]

    def forward(self, tokens, memory):
        mask = self._causal_mask(tokens.size(1))
        return self.decoder(self.embed(tokens), memory, tgt_mask=mask)  # expect: TL204:66 lines=19,28


if __name__ == "__main__":
    model = CaptionDecoder(100).to(device)
    memory = torch.randn(2, 5, 64, device=device)
    print(model(torch.randint(0, 100, (2, 7), device=device), memory).shape)
