# source: https://github.com/pytorch/tutorials/blob/main/beginner_source/blitz/data_parallel_tutorial.py
# what: the "Optional: Data Parallelism" tutorial: device cuda:0, a random Dataset, a
#   model wrapped in nn.DataParallel when more than one GPU is there, then
#   model.to(device), batches moved with .to(device), sizes printed inside forward;
#   and a training step through the wrapper.
# shrunk: 30 samples of size 5 in batches of 10.
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

input_size, output_size, batch_size, data_size = 5, 2, 10, 30
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")


class RandomDataset(Dataset):
    def __init__(self, size, length):
        self.len = length
        self.data = torch.randn(length, size)

    def __getitem__(self, index):
        return self.data[index]

    def __len__(self):
        return self.len


rand_loader = DataLoader(
    dataset=RandomDataset(input_size, data_size), batch_size=batch_size, shuffle=True
)


class Model(nn.Module):
    def __init__(self, input_size, output_size):
        super().__init__()
        self.fc = nn.Linear(input_size, output_size)

    def forward(self, input):
        output = self.fc(input)
        print("\tIn Model: input size", input.size(), "output size", output.size(), input.device)
        return output


model = Model(input_size, output_size)
if torch.cuda.device_count() > 1:
    print("Let's use", torch.cuda.device_count(), "GPUs!")
    model = nn.DataParallel(model)
model.to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for data in rand_loader:
    input = data.to(device)
    output = model(input)
    print("Outside: input size", input.size(), "output_size", output.size())
    loss = output.pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
