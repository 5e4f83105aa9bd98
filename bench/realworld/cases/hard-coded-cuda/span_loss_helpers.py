# source: https://github.com/amzn/refuel-open-domain-qa/pull/10
# error: AssertionError: Torch not compiled with CUDA enabled
# pattern: hard-coded-cuda
# shape: class, helper
# bug-lines: 36, 43, 54
# cpu: raises "Torch not compiled with CUDA enabled"
# needs: torch
import torch
import torch.nn as nn
from torch.nn import CrossEntropyLoss


class PassageSpanHead(nn.Module):
    def __init__(self, hidden_size=32, vocab_size=100):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, hidden_size)
        self.encoder = nn.GRU(hidden_size, hidden_size, batch_first=True)
        self.qa_outputs = nn.Linear(hidden_size, 2)
        self.qa_classifier = nn.Linear(hidden_size, 1)

    def forward(self, input_ids, start_positions=None, end_positions=None, answer_mask=None, is_training=False):
        N, M, L = input_ids.size()
        hidden, _ = self.encoder(self.embed(input_ids.view(N * M, L)))
        start_logits, end_logits = self.qa_outputs(hidden).split(1, dim=-1)
        start_logits, end_logits = start_logits.squeeze(-1), end_logits.squeeze(-1)
        sel_logits = self.qa_classifier(hidden[:, 0, :])
        if is_training:
            start_positions = start_positions.view(N * M, -1)
            end_positions = end_positions.view(N * M, -1)
            answer_mask = answer_mask.view(N * M, -1)
            return get_loss(start_positions, end_positions, answer_mask, start_logits, end_logits, sel_logits, N, M)
        return start_logits.view(N, M, L), end_logits.view(N, M, L), sel_logits.view(N, M)


def get_loss(start_positions, end_positions, answer_mask, start_logits, end_logits, sel_logits, N, M):
    answer_mask = answer_mask.type(torch.FloatTensor).cuda()
    ignored_index = start_logits.size(1)
    start_positions.clamp_(0, ignored_index)
    end_positions.clamp_(0, ignored_index)
    loss_fct = CrossEntropyLoss(reduction="none", ignore_index=ignored_index)

    sel_logits = sel_logits.view(N, M)
    sel_labels = torch.zeros(N, dtype=torch.long).cuda()
    sel_loss = torch.sum(loss_fct(sel_logits, sel_labels))
    start_losses = [loss_fct(start_logits, s) * m for s, m in zip(torch.unbind(start_positions, dim=1), torch.unbind(answer_mask, dim=1))]
    end_losses = [loss_fct(end_logits, e) * m for e, m in zip(torch.unbind(end_positions, dim=1), torch.unbind(answer_mask, dim=1))]
    loss_tensor = torch.stack(start_losses, dim=1) + torch.stack(end_losses, dim=1)
    loss_tensor = loss_tensor.view(N, M, -1).max(dim=1)[0]
    return _take_mml(loss_tensor) + sel_loss


def _take_mml(loss_tensor):
    marginal_likelihood = torch.sum(torch.exp(-loss_tensor - 1e10 * (loss_tensor == 0).float()), 1)
    return -torch.sum(torch.log(marginal_likelihood + torch.ones(loss_tensor.size(0)).cuda() * (marginal_likelihood == 0).float()))


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = PassageSpanHead().to(device)
    N, M, L, A = 2, 3, 12, 2
    input_ids = torch.randint(1, 100, (N, M, L), device=device)
    starts = torch.randint(0, L // 2, (N, M, A), device=device)
    ends = starts + 2
    mask = torch.ones(N, M, A, dtype=torch.long, device=device)
    loss = model(input_ids, starts, ends, mask, is_training=True)
    loss.backward()
    print(loss.item())
