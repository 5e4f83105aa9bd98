# source: https://github.com/IBM/pytorch-seq2seq/issues/156
# error: RuntimeError: Expected object of type torch.cuda.LongTensor but found type torch.LongTensor for argument #3 'index'
# pattern: type-cast-without-device
# shape: class, helper, loader-loop
# looks-like: type-cast-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class EncoderRNN(nn.Module):
    def __init__(self, vocab=100, hidden=32):
        super().__init__()
        self.embedding = nn.Embedding(vocab, hidden)
        self.rnn = nn.GRU(hidden, hidden, batch_first=True)

    def forward(self, input_var, input_lengths):
        input_var = input_var.type(torch.long)
        embedded = self.embedding(input_var)
        mask = (torch.arange(input_var.shape[1], device=input_var.device)[None] < input_lengths[:, None])
        embedded = embedded * mask.unsqueeze(-1).type(embedded.dtype)
        return self.rnn(embedded)


def to_batch(src, lengths, device):
    src = src.to(device=device, dtype=torch.long)
    lengths = lengths.to(device=device, dtype=torch.long)
    return src, lengths


def encode_all(encoder, loader, device):
    outs = []
    for src, lengths in loader:
        src, lengths = to_batch(src, lengths, device)
        output, hidden = encoder(src, lengths)
        outs.append(hidden.squeeze(0).cpu())
    return torch.cat(outs)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = EncoderRNN().to(device)
    src = torch.randint(1, 100, (32, 12)).int()
    lengths = torch.randint(3, 13, (32,)).int()
    loader = DataLoader(TensorDataset(src, lengths), batch_size=8)
    with torch.no_grad():
        print(encode_all(encoder, loader, device).shape)
