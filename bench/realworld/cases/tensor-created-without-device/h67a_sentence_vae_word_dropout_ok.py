# source: https://github.com/timbmg/Sentence-VAE/pull/12
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, loader-loop
# looks-like: tensor-created-without-device
# needs: torch
# cpu: clean
"""Sentence VAE (GRU encoder/decoder language model) with decoder word dropout."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

PAD, SOS, EOS, UNK = 0, 1, 2, 3


class SentenceVAE(nn.Module):
    def __init__(self, vocab, emb=128, hidden=256, latent=32, word_dropout=0.3):
        super().__init__()
        self.word_dropout_rate = word_dropout
        self.embedding = nn.Embedding(vocab, emb, padding_idx=PAD)
        self.encoder = nn.GRU(emb, hidden, batch_first=True)
        self.to_mu, self.to_logv = nn.Linear(hidden, latent), nn.Linear(hidden, latent)
        self.latent_to_hidden = nn.Linear(latent, hidden)
        self.decoder = nn.GRU(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def word_dropout(self, input_sequence):
        prob = torch.rand(input_sequence.size())
        if input_sequence.is_cuda:
            prob = prob.cuda(input_sequence.device)
        prob[(input_sequence - SOS) * (input_sequence - PAD) == 0] = 1
        decoder_input = input_sequence.clone()
        decoder_input[prob < self.word_dropout_rate] = UNK
        return decoder_input

    def forward(self, input_sequence):
        _, h = self.encoder(self.embedding(input_sequence))
        mu, logv = self.to_mu(h[-1]), self.to_logv(h[-1])
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logv)
        h0 = self.latent_to_hidden(z).unsqueeze(0)
        dec_in = self.word_dropout(input_sequence) if self.training else input_sequence
        out, _ = self.decoder(self.embedding(dec_in), h0)
        return self.out(out), mu, logv


def elbo_loss(logits, target, mu, logv, kl_weight):
    nll = F.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1),
                          ignore_index=PAD, reduction="sum")
    kl = -0.5 * torch.sum(1 + logv - mu.pow(2) - logv.exp())
    return (nll + kl_weight * kl) / target.size(0)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    sents = torch.randint(4, 3000, (512, 24))
    sents[:, 0], sents[:, -1] = SOS, EOS
    loader = DataLoader(TensorDataset(sents), batch_size=32, shuffle=True)
    model = SentenceVAE(3000).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step, (batch,) in enumerate(loader):
        batch = batch.to(device)
        logits, mu, logv = model(batch[:, :-1])
        loss = elbo_loss(logits, batch[:, 1:], mu, logv, kl_weight=min(1.0, step / 10))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("elbo", loss.item())
