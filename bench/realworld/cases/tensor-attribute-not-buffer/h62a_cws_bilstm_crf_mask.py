# source: https://github.com/WhiteGive-Boy/CWS-Hmm_BiLSTM-CRF/issues/2
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-attribute-not-buffer
# shape: class, loader-loop
# bug-lines: 25, 28
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

TAGS = ["B", "M", "E", "S"]  # Chinese word segmentation tag set
# transitions that can never happen in BMES: B->B, B->S, M->B, M->S, E->M, E->E, S->M, S->E
FORBIDDEN = [(0, 0), (0, 3), (1, 0), (1, 3), (2, 1), (2, 2), (3, 1), (3, 2)]


class CRF(nn.Module):
    def __init__(self, num_tags):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(num_tags, num_tags))
        self.start = nn.Parameter(torch.zeros(num_tags))
        self.end = nn.Parameter(torch.zeros(num_tags))
        mask = torch.zeros(num_tags, num_tags)
        for i, j in FORBIDDEN:
            mask[i, j] = -10000.0
        self.constraint = mask

    def _allowed(self):
        return self.transitions + self.constraint

    def nll(self, emissions, tags, mask):
        trans = self._allowed()
        B, T, _ = emissions.shape
        batch_idx = torch.arange(B, device=emissions.device)
        score = self.start[tags[:, 0]] + emissions[batch_idx, 0, tags[:, 0]]
        alpha = self.start + emissions[:, 0]
        for t in range(1, T):
            m = mask[:, t].unsqueeze(1)
            step = trans[tags[:, t - 1], tags[:, t]] + emissions[batch_idx, t, tags[:, t]]
            score = score + step * mask[:, t]
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans + emissions[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(m.bool(), nxt, alpha)
        last = tags.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        return (torch.logsumexp(alpha + self.end, dim=1) - score).mean()


class BiLSTMCRF(nn.Module):
    def __init__(self, vocab_size, emb_dim=100, hidden=128):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=0)
        self.lstm = nn.LSTM(emb_dim, hidden // 2, batch_first=True, bidirectional=True)
        self.proj = nn.Linear(hidden, len(TAGS))
        self.crf = CRF(len(TAGS))

    def forward(self, chars, tags, mask):
        emissions = self.proj(self.lstm(self.embed(chars))[0])
        return self.crf.nll(emissions, tags, mask.float())


def train(model, loader, epochs=5):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(epochs):
        for chars, tags, mask in loader:
            chars, tags, mask = chars.to(device), tags.to(device), mask.to(device)
            loss = model(chars, tags, mask)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} nll {loss.item():.3f}")
