# source: https://github.com/apachecn/pytorch-doc-zh/issues/392
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: helper, loader-loop, batch-dict
# bug-lines: 48, 49, 74, 75
# needs: torch
# cpu: no written where torch was not installed; not run
"""Resume a GRU seq2seq chatbot from a checkpoint and keep training."""
import torch
import torch.nn as nn
import torch.optim as optim

HIDDEN, VOCAB, PAD = 256, 7000, 0


class EncoderRNN(nn.Module):
    def __init__(self, embedding):
        super().__init__()
        self.embedding = embedding
        self.gru = nn.GRU(HIDDEN, HIDDEN, num_layers=2, bidirectional=True, batch_first=True)

    def forward(self, src):
        out, hidden = self.gru(self.embedding(src))
        return out[..., :HIDDEN] + out[..., HIDDEN:], hidden[:2]


class DecoderRNN(nn.Module):
    def __init__(self, embedding):
        super().__init__()
        self.embedding = embedding
        self.gru = nn.GRU(HIDDEN, HIDDEN, num_layers=2, batch_first=True)
        self.out = nn.Linear(HIDDEN, VOCAB)

    def forward(self, tgt, hidden):
        out, hidden = self.gru(self.embedding(tgt), hidden)
        return self.out(out), hidden


def build(checkpoint_path=None):
    embedding = nn.Embedding(VOCAB, HIDDEN, padding_idx=PAD)
    encoder, decoder = EncoderRNN(embedding), DecoderRNN(embedding)
    enc_opt = optim.Adam(encoder.parameters(), lr=1e-4)
    dec_opt = optim.Adam(decoder.parameters(), lr=5e-4)
    if checkpoint_path:
        ckpt = torch.load(checkpoint_path, map_location="cpu")
        encoder.load_state_dict(ckpt["en"])
        decoder.load_state_dict(ckpt["de"])
        enc_opt.load_state_dict(ckpt["en_opt"])
        dec_opt.load_state_dict(ckpt["de_opt"])
    return encoder, decoder, enc_opt, dec_opt


def train_iters(encoder, decoder, enc_opt, dec_opt, batches, device):
    criterion = nn.CrossEntropyLoss(ignore_index=PAD)
    for i, batch in enumerate(batches):
        src, tgt = batch["src"].to(device), batch["tgt"].to(device)
        enc_opt.zero_grad()
        dec_opt.zero_grad()
        _, hidden = encoder(src)
        logits, _ = decoder(tgt[:, :-1], hidden)
        loss = criterion(logits.reshape(-1, VOCAB), tgt[:, 1:].reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(encoder.parameters(), 50.0)
        nn.utils.clip_grad_norm_(decoder.parameters(), 50.0)
        enc_opt.step()
        dec_opt.step()
        if i % 50 == 0:
            print(f"iteration {i}: loss {loss.item():.3f}")


if __name__ == "__main__":
    device = torch.device("cuda")
    encoder, decoder, enc_opt, dec_opt = build("save/cb_model/4000_checkpoint.tar")
    encoder = encoder.to(device)
    decoder = decoder.to(device)
    batches = [{"src": torch.randint(1, VOCAB, (64, 10)), "tgt": torch.randint(1, VOCAB, (64, 12))}
               for _ in range(500)]
    train_iters(encoder, decoder, enc_opt, dec_opt, batches, device)
