# source: https://github.com/pytorch/pytorch/issues/24902
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cpu and cuda:0! (when checking argument for argument index in method wrapper_CUDA_scatter_add_)
# pattern: tensor-created-without-device
# shape: class, loader-loop, batch-dict
# bug-lines: 25, 26
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Cell-selection model for table QA: token states are mean-pooled per table cell, then scored."""
import torch
import torch.nn as nn
from transformers import AutoModel


class CellSelectionModel(nn.Module):
    def __init__(self, encoder_name="bert-base-uncased", max_cells=256):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(encoder_name)
        hidden = self.encoder.config.hidden_size
        self.max_cells = max_cells
        self.cell_scorer = nn.Sequential(nn.Linear(hidden, hidden), nn.Tanh(), nn.Linear(hidden, 1))

    def pool_cells(self, token_states, cell_ids):
        # cell_ids: (batch, seq) index of the cell each token belongs to, 0 = question/padding
        bsz, _, hidden = token_states.shape
        sums = torch.zeros(bsz, self.max_cells, hidden)
        counts = torch.zeros(bsz, self.max_cells)
        sums.scatter_add_(1, cell_ids.unsqueeze(-1).expand(-1, -1, hidden), token_states)
        counts.scatter_add_(1, cell_ids, torch.ones_like(cell_ids, dtype=counts.dtype))
        return sums / counts.clamp(min=1).unsqueeze(-1), counts > 0

    def forward(self, input_ids, attention_mask, token_type_ids, cell_ids):
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
        cells, present = self.pool_cells(out.last_hidden_state, cell_ids)
        logits = self.cell_scorer(cells).squeeze(-1)
        return logits.masked_fill(~present, -1e4)


def train_epoch(model, loader, optimizer, device):
    model.train()
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        labels = batch.pop("cell_labels").float()
        logits = model(**batch)
        mask = (labels >= 0).float()
        loss = (loss_fn(logits, labels.clamp(min=0)) * mask).sum() / mask.sum()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()


if __name__ == "__main__":
    from torch.utils.data import DataLoader

    device = torch.device("cuda")
    model = CellSelectionModel().to(device)
    examples = torch.load("wtq_cell_selection_train.pt")  # list of dicts of LongTensors
    loader = DataLoader(examples, batch_size=8, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    for epoch in range(3):
        train_epoch(model, loader, optimizer, device)
