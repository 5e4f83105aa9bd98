# source: https://github.com/wingedsheep/transformer/issues/4
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper
# bug-lines: 25
# cpu: clean
# needs: torch, numpy
import numpy as np
import torch
import torch.nn as nn


def get_device():
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class PositionalEncoding(nn.Module):
    def __init__(self, embedding_dimension, max_sequence_length):
        super().__init__()
        self.embedding_dimension = embedding_dimension
        self.max_sequence_length = max_sequence_length

    def forward(self, x):
        positional_encoding = self.positional_table(x.size(1), self.embedding_dimension)
        return x + torch.from_numpy(positional_encoding).float()

    @staticmethod
    def positional_table(seq_len, d_model):
        pos = np.arange(seq_len)[:, None]
        i = np.arange(d_model)[None, :]
        angle = pos / np.power(10000, (2 * (i // 2)) / d_model)
        table = np.zeros((seq_len, d_model))
        table[:, 0::2] = np.sin(angle[:, 0::2])
        table[:, 1::2] = np.cos(angle[:, 1::2])
        return table


class LanguageModel(nn.Module):
    def __init__(self, number_of_tokens, max_sequence_length=64, embedding_dimension=32):
        super().__init__()
        self.token_embedding = nn.Embedding(number_of_tokens, embedding_dimension)
        self.positional_encoding = PositionalEncoding(embedding_dimension, max_sequence_length)
        self.layer = nn.TransformerEncoderLayer(embedding_dimension, nhead=4, batch_first=True)
        self.lm_head = nn.Linear(embedding_dimension, number_of_tokens)

    def forward(self, x, mask):
        h = self.positional_encoding(self.token_embedding(x))
        return self.lm_head(self.layer(h, src_key_padding_mask=mask == 0))


if __name__ == "__main__":
    device = get_device()
    model = LanguageModel(number_of_tokens=50).to(device)
    tokens = torch.randint(1, 50, (2, 16), device=device)
    mask = torch.ones_like(tokens)
    print(model(tokens, mask).shape)
