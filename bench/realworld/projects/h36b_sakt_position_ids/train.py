# source: https://github.com/jarviszhb/KnowledgeTracing/pull/1
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: tensor-created-without-device
# shape: multi-file, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from sakt import SAKT

N_QUESTIONS = 124
SEQ_LEN = 50
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def next_step_loss(pred, interactions):
    # predict correctness of the exercise answered at t+1 from history up to t
    nxt = interactions[:, 1:]
    answered = nxt[:, :, :N_QUESTIONS] + nxt[:, :, N_QUESTIONS:]
    correct = nxt[:, :, :N_QUESTIONS]
    p = (pred[:, :-1] * answered).sum(-1)
    y = (correct * answered).sum(-1)
    mask = answered.sum(-1) > 0
    return F.binary_cross_entropy(p[mask], y[mask])


def run_epoch(model, loader, optimizer):
    model.train()
    for (interactions,) in loader:
        interactions = interactions.to(device)
        pred = model(interactions)
        loss = next_step_loss(pred, interactions)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


if __name__ == "__main__":
    q = torch.randint(0, N_QUESTIONS, (640, SEQ_LEN))
    c = torch.randint(0, 2, (640, SEQ_LEN))
    onehot = F.one_hot(q + N_QUESTIONS * (1 - c), 2 * N_QUESTIONS).float()
    loader = DataLoader(TensorDataset(onehot), batch_size=64, shuffle=True)
    model = SAKT(N_QUESTIONS, SEQ_LEN).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(10):
        print(epoch, run_epoch(model, loader, optimizer))
