import torch
import torch.nn as nn
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
from torch.nn.parallel import DistributedDataParallel as DDP


def ddp_after_move(local_rank):
    torch.cuda.set_device(local_rank)
    model = nn.Linear(10, 10).to(local_rank)
    return DDP(model, device_ids=[local_rank])


def cpu_ddp():
    # DDP on the CPU (gloo) is fine: nothing in this code uses a GPU.
    model = nn.Linear(10, 10)
    return DDP(model)


def fsdp_with_device_id(local_rank):
    torch.cuda.set_device(local_rank)
    model = nn.Linear(10, 10)
    return FSDP(model, device_id=torch.cuda.current_device())


def model_from_elsewhere(model, local_rank):
    # Where `model` lives is not visible here: no finding.
    torch.cuda.set_device(local_rank)
    return DDP(model, device_ids=[local_rank])


def data_parallel_then_placed(device, gpus):
    # DataParallel checks the devices at its first call, not when it wraps: a wrapper
    # moved before that call (here in the same expression) is placed in time.
    model = nn.DataParallel(nn.Linear(10, 10), device_ids=gpus).to(device)
    return model(torch.randn(4, 10, device=device))


def data_parallel_placed_before_use(device, x):
    model = nn.DataParallel(nn.Linear(10, 10), device_ids=[0, 1])
    model.cuda()
    return model(x.to(device))


class SegTrainer:
    def __init__(self, opts):
        self.opts = opts
        self.device = torch.device("cuda", opts.rank)

    def build(self):
        net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8))
        if self.opts.sync_bn:
            net = nn.SyncBatchNorm.convert_sync_batchnorm(net)
        # Converted, then placed, then wrapped.
        self.net = DDP(net.to(self.device), device_ids=[self.opts.rank])

    def fit(self, images):
        return self.net(images.to(self.device))


def run(opts, images):
    trainer = SegTrainer(opts)
    trainer.build()
    return trainer.fit(images)


def seq2seq_on_one_gpu(path):
    # device_map names one device: the whole model sits on cuda:0, where
    # DataParallel replicates it from.
    from transformers import AutoModelForSeq2SeqLM

    model = AutoModelForSeq2SeqLM.from_pretrained(path, device_map={"": 0})
    if torch.cuda.device_count() > 1:
        model = nn.DataParallel(model)
    return model


def seq2seq_spread_without_wrapper(path, batch):
    # device_map="auto" is model parallelism already: used as it is.
    from transformers import AutoModelForSeq2SeqLM

    model = AutoModelForSeq2SeqLM.from_pretrained(path, device_map="auto")
    return model(**{k: v.to("cuda:0") for k, v in batch.items()})


def build_backbone_placed(gpu_ids=()):
    # Moved to the first of the GPUs before they are handed over by position.
    backbone = nn.Sequential(nn.Linear(8, 8))
    if len(gpu_ids) > 0:
        backbone.to(gpu_ids[0])
        backbone = nn.DataParallel(backbone, gpu_ids)
    return backbone
