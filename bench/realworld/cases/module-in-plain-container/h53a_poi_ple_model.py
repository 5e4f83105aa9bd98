# source: https://github.com/easezyc/Multitask-Recommendation-Library/pull/8
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument mat1 in method wrapper_CUDA_addmm)
# pattern: module-in-plain-container
# shape: class
# bug-lines: 31, 33, 37, 40
# needs: torch
# cpu: clean
"""Progressive Layered Extraction (PLE) for POI recommendation: task 0 = click, task 1 = visit (check-in)."""
import torch
import torch.nn as nn


def mlp(in_dim, dims, dropout):
    layers = []
    for d in dims:
        layers += [nn.Linear(in_dim, d), nn.BatchNorm1d(d), nn.ReLU(), nn.Dropout(dropout)]
        in_dim = d
    return nn.Sequential(*layers)


class POIPLE(nn.Module):
    def __init__(self, field_dims, embed_dim=16, expert_dims=(128, 64), n_tasks=2,
                 shared_experts=2, specific_experts=1, dropout=0.2):
        super().__init__()
        self.embedding = nn.Embedding(sum(field_dims), embed_dim)
        self.register_buffer("offsets", torch.tensor([0, *field_dims[:-1]]).cumsum(0))
        self.n_tasks, self.n_layers = n_tasks, len(expert_dims)
        in_dims = [len(field_dims) * embed_dim, *expert_dims[:-1]]

        self.task_experts = [[None] * n_tasks for _ in range(self.n_layers)]
        self.task_gates = [[None] * n_tasks for _ in range(self.n_layers)]
        self.share_experts = [None] * self.n_layers
        self.share_gates = [None] * self.n_layers
        for i, (d_in, d_out) in enumerate(zip(in_dims, expert_dims)):
            n_gate = shared_experts + specific_experts
            self.share_experts[i] = nn.ModuleList([mlp(d_in, [d_out], dropout) for _ in range(shared_experts)])
            self.share_gates[i] = nn.Sequential(nn.Linear(d_in, shared_experts + n_tasks * specific_experts), nn.Softmax(dim=1))
            for j in range(n_tasks):
                self.task_experts[i][j] = nn.ModuleList([mlp(d_in, [d_out], dropout) for _ in range(specific_experts)])
                self.task_gates[i][j] = nn.Sequential(nn.Linear(d_in, n_gate), nn.Softmax(dim=1))
            self.task_experts[i] = nn.ModuleList(self.task_experts[i])
        self.task_experts = nn.ModuleList(self.task_experts)
        self.share_experts = nn.ModuleList(self.share_experts)
        self.towers = nn.ModuleList([nn.Sequential(mlp(expert_dims[-1], [64], dropout), nn.Linear(64, 1))
                                     for _ in range(n_tasks)])

    def forward(self, x):
        emb = self.embedding(x + self.offsets).flatten(1)
        task_fea = [emb] * (self.n_tasks + 1)  # last slot is the shared branch
        for i in range(self.n_layers):
            share_out = [e(task_fea[-1]) for e in self.share_experts[i]]
            new_fea = []
            for j in range(self.n_tasks):
                experts = torch.stack([e(task_fea[j]) for e in self.task_experts[i][j]] + share_out, dim=1)
                gate = self.task_gates[i][j](task_fea[j]).unsqueeze(-1)
                new_fea.append((gate * experts).sum(1))
            if i < self.n_layers - 1:
                all_out = torch.stack(share_out + [e(task_fea[j]) for j in range(self.n_tasks)
                                                    for e in self.task_experts[i][j]], dim=1)
                new_fea.append((self.share_gates[i](task_fea[-1]).unsqueeze(-1) * all_out).sum(1))
            task_fea = new_fea
        return [torch.sigmoid(t(task_fea[j]).squeeze(1)) for j, t in enumerate(self.towers)]


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    # fields: user, poi, poi category, hour-of-week, distance bucket
    model = POIPLE(field_dims=[1083, 38333, 400, 168, 20]).to(device)
    x = torch.stack([torch.randint(0, n, (256,)) for n in [1083, 38333, 400, 168, 20]], dim=1).to(device)
    click, visit = model(x)
    loss = nn.functional.binary_cross_entropy(click, torch.rand(256, device=device).round()) + \
        nn.functional.binary_cross_entropy(visit, torch.rand(256, device=device).round())
    loss.backward()
