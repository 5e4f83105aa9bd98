import torch


def single_gpu_script(model, batch):
    # No device variable anywhere: this script targets one GPU on purpose.
    model.cuda()
    return model(batch.cuda())


def follows_device(model, batch, device):
    return model(batch.to(device)), torch.zeros(2, device=device)
