import json,sys,glob,collections
import os; f=max(glob.glob(sys.argv[1]+'/*.cpuprofile'), key=os.path.getsize)
p=json.load(open(f))
nodes={n['id']:n for n in p['nodes']}
self=collections.Counter()
dt=p['timeDeltas']; samples=p['samples']
for s,d in zip(samples,dt):
    n=nodes[s]; cf=n['callFrame']
    self[(cf['functionName'] or '(anon)')+' '+cf['url'].split('/')[-1]+':'+str(cf['lineNumber'])]+=d
tot=sum(self.values())
for k,v in self.most_common(int(sys.argv[2]) if len(sys.argv)>2 else 25):
    print(f"{v/tot*100:5.1f}% {v/1000:8.0f}ms {k}")
