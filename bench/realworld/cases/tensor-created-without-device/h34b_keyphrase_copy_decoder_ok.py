# source: https://github.com/memray/seq2seq-keyphrase-pytorch/issues/15
# error: RuntimeError: Expected object of type torch.LongTensor but found type torch.cuda.LongTensor for argument #3 'index'
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# looks-like: tensor-created-without-device
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class CopyDecoder(nn.Module):
    """GRU decoder with a pointer/copy distribution over the source (CopyRNN)."""

    def __init__(self, vocab_size, emb_dim=150, hidden=300):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.rnn = nn.GRU(emb_dim, hidden, batch_first=True)
        self.attn = nn.Linear(hidden, hidden, bias=False)
        self.gen = nn.Linear(2 * hidden, vocab_size)
        self.p_gen = nn.Linear(2 * hidden, 1)
        self.vocab_size = vocab_size

    def forward(self, trg_in, hidden, enc_out, src_ext, max_oov):
        dec_out, hidden = self.rnn(self.embedding(trg_in), hidden)
        scores = torch.bmm(self.attn(dec_out), enc_out.transpose(1, 2))
        attn = F.softmax(scores, dim=-1)
        context = torch.bmm(attn, enc_out)
        feats = torch.cat((dec_out, context), dim=-1)
        vocab_dist = F.softmax(self.gen(feats), dim=-1)
        p_gen = torch.sigmoid(self.p_gen(feats))
        b, t, _ = vocab_dist.shape
        extra = torch.zeros(b, t, max_oov, device=vocab_dist.device)
        ext_dist = torch.cat((p_gen * vocab_dist, extra), dim=-1)
        index = src_ext.unsqueeze(1).expand(-1, t, -1)
        ext_dist = ext_dist.scatter_add(2, index, (1 - p_gen) * attn)
        return torch.log(ext_dist + 1e-12), hidden


def train_epoch(encoder, decoder, loader, optimizer, device):
    decoder.train()
    for batch in loader:
        src = batch["src"].to(device)
        src_ext = batch["src_oov"].to(device)
        trg = batch["trg_oov"].to(device)
        max_oov = max(len(o) for o in batch["oov_lists"])
        enc_out, hidden = encoder(src)
        bos = torch.full((trg.size(0), 1), 1, dtype=torch.long, device=src.device)
        trg_in = torch.cat((bos, batch["trg"].to(device)[:, :-1]), dim=1)
        log_probs, _ = decoder(trg_in, hidden, enc_out, src_ext, max_oov)
        loss = F.nll_loss(log_probs.reshape(-1, log_probs.size(-1)), trg.reshape(-1), ignore_index=0)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


if __name__ == "__main__":
    from keyphrase_data import build_loader, Encoder
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder, decoder = Encoder(50000).to(device), CopyDecoder(50000).to(device)
    opt = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=1e-3)
    train_epoch(encoder, decoder, build_loader("kp20k.train.pt"), opt, device)
