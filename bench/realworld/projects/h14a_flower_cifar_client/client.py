# source: https://github.com/flwrlabs/flower/pull/1140
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: inputs-not-moved
# shape: multi-file, class
# needs: torch, flwr
# cpu: no written where torch was not installed; not run
from collections import OrderedDict

import flwr as fl
import torch

from cifar import DEVICE, Net, load_data, test, train


class CifarClient(fl.client.NumPyClient):
    def __init__(self, net, trainloader, testloader):
        self.net = net
        self.trainloader = trainloader
        self.testloader = testloader

    def get_parameters(self, config):
        return [val.cpu().numpy() for val in self.net.state_dict().values()]

    def set_parameters(self, parameters):
        keys = self.net.state_dict().keys()
        state_dict = OrderedDict({k: torch.tensor(v) for k, v in zip(keys, parameters)})
        self.net.load_state_dict(state_dict, strict=True)

    def fit(self, parameters, config):
        self.set_parameters(parameters)
        train(self.net, self.trainloader, epochs=1)
        return self.get_parameters(config={}), len(self.trainloader.dataset), {}

    def evaluate(self, parameters, config):
        self.set_parameters(parameters)
        loss, accuracy = test(self.net, self.testloader)
        return float(loss), len(self.testloader.dataset), {"accuracy": float(accuracy)}


def main():
    net = Net().to(DEVICE)
    trainloader, testloader = load_data()
    client = CifarClient(net, trainloader, testloader)
    fl.client.start_numpy_client(server_address="127.0.0.1:8080", client=client)


if __name__ == "__main__":
    main()
